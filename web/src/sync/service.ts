/** The app's sync singleton over the app's vault, journal and store (app-services.ts). */
import { journal, store, vault } from "../app-services";
import { defaultDeriveRoot } from "../workers/kdf-client";
import { createSync } from "./sync";

export const sync = createSync({ store, vault, journal, deriveRoot: defaultDeriveRoot() });
