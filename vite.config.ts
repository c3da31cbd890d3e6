import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";
import { fileURLToPath } from "node:url";

const webRoot = fileURLToPath(new URL("./web", import.meta.url));

// Vite's root is web/. The relay serves web/dist in production (`pnpm start`).
export default defineConfig({
  root: webRoot,
  publicDir: "public",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // dist/.vite/manifest.json lets tests find hashed chunks such as the AI worker.
    manifest: true,
  },
  worker: { format: "es" },
  plugins: [
    react(),
    VitePWA({
      registerType: "prompt",
      injectRegister: null,
      manifest: {
        name: "VentWell — private journal",
        short_name: "VentWell",
        description: "A private, encrypted journal with a gentle on-device guide.",
        theme_color: "#2f5d62",
        background_color: "#f7f5f0",
        display: "standalone",
        start_url: "/",
        scope: "/",
        icons: [
          { src: "icons/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "icons/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        // The app shell is precached; models and ONNX Runtime WASM are cached at run time.
        globPatterns: ["**/*.{js,css,html,svg,png,ico,webmanifest,json,wasm}"], // wasm: Automerge, needed to unlock offline
        // The bundler also emits ONNX Runtime's WASM (27 MB); the app loads its copy from /ort/ instead.
        globIgnores: ["models/**", "ort/**", "assets/ort-wasm-*"],
        navigateFallbackDenylist: [/^\/v1\//, /^\/metrics/],
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname.startsWith("/models/") || url.pathname.startsWith("/ort/"),
            handler: "CacheFirst",
            options: { cacheName: "ventwell-model", expiration: { maxEntries: 40 } },
          },
        ],
      },
    }),
  ],
  server: { port: 5173 },
});
