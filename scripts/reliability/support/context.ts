import type { Browser } from "@playwright/test";
import type { Data } from "./data";
import type { Server } from "./server";

/** Everything an item needs: the shared server and its database, and where to put its own. */
export type Context = {
  server: Server;
  data: Data;
  base: string;
  secret: string;
  distDir: string;
  tmp: string;
  /** Ports this suite may use for extra servers and Redis (3601–3609). */
  ports: { crash: number; evil: number; proxied: number; twoA: number; twoB: number; redis: number; smtp: number };
  browser: () => Promise<Browser>;
};
