// Registers the guide at start-up: the conversation view calls it after each message.
import { journal } from "../services";
import { setUserMessageHook } from "../guide-seam";
import { openCrisis } from "../crisis/state";
import { logCrisisEvent } from "../crisis/log";
import { aiClient } from "./ai";
import { announce } from "./announce";
import { guideReply } from "./reply";

setUserMessageHook(async (ctx) => {
  const outcome = await guideReply(
    {
      ai: aiClient(),
      addMessage: (id, msg, opts) => journal.addMessage(id, msg, opts),
      openCrisis: () => openCrisis("guide"),
      logCrisis: logCrisisEvent,
    },
    ctx,
  );
  if (outcome.reply) announce(`The guide replied: ${outcome.reply}`);
  return outcome;
});
