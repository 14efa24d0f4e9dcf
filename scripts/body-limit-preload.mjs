/**
 * `node --import` preload for the server process: installs the request-body
 * limit (scripts/body-limit.mjs) before Next creates its HTTP server.
 */
import { installBodyLimit } from "./body-limit.mjs";

installBodyLimit();
