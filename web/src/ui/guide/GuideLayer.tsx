// Everything the guide adds to the open journal: model status and the crisis screen.
import "./install";
import "./guide.css";
import { CrisisLayer } from "../crisis/CrisisScreen";
import { ModelStatus } from "./ModelStatus";
import { useAnnouncement } from "./announce";

export function GuideLayer() {
  return (
    <>
      <ModelStatus />
      <div className="visually-hidden" aria-live="polite" data-testid="guide-announcement">
        {useAnnouncement()}
      </div>
      <CrisisLayer />
    </>
  );
}
