// Entry of the sign-in page worker thread: registers tsx (the project runs its TypeScript without a build
// step) and loads the worker's body from page-worker.ts. See PageWorker there.
import { register } from "tsx/esm/api";

register();
await import("./page-worker.ts");
