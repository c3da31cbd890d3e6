// Everything the guide adds to the open journal: model status and the crisis screen.
import "./install";
import "./guide.css";
import { CrisisLayer } from "../crisis/CrisisScreen";
import { ModelStatus } from "./ModelStatus";

export function GuideLayer() {
  return (
    <>
      <ModelStatus />
      <CrisisLayer />
    </>
  );
}
