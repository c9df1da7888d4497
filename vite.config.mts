// tsconfig resolves modules the CommonJS way ("moduleResolution": "node", for the server), which
// cannot read the export maps vite and its React plugin publish their types through. Vite type-checks
// nothing here itself, so the two imports are typed loosely; if the resolution setting changes,
// tsc reports these expectations as unused and they can go.
// @ts-expect-error -- types reachable only through vite's export map
import { defineConfig } from 'vite';
// @ts-expect-error -- types reachable only through the plugin's export map
import react from '@vitejs/plugin-react';

// The ops room client. `npx vite` serves it in development and forwards the API and the socket to
// the server on PORT (default 3000); `npx vite build` writes client/dist, which the server serves.
const server = `http://localhost:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
