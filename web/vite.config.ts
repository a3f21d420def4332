import { defineConfig } from "vite";

// The built files are embedded in the signet binary (src/server/pack_assets.py).
export default defineConfig({
  base: "/",
  build: { target: "es2020", sourcemap: false, chunkSizeWarningLimit: 1500 },
});
