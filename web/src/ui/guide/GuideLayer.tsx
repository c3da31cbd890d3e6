// What the guide adds to the open journal: model status and the reply announcement.
// (The crisis screen sits at the app's top level, so locking never hides it.)
import "./install";
import "./guide.css";
import { ModelStatus } from "./ModelStatus";
import { useAnnouncement } from "./announce";

export function GuideLayer() {
  return (
    <>
      <ModelStatus />
      <div className="visually-hidden" aria-live="polite" data-testid="guide-announcement">
        {useAnnouncement()}
      </div>
    </>
  );
}
