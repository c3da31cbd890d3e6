// Node tests: the Node build of Automerge initialises the WASM that the slim import shares.
import "@automerge/automerge";
