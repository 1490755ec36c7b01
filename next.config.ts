import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package directory at run time;
  // bundling it would break those paths, so the server requires it from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  // NEXT_DIST_DIR lets two checkouts' worth of builds (a developer's and a test run's, or two
  // parallel e2e runs) live side by side instead of overwriting one another's .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The dashboard and API are always rendered per request; nothing is worth prerendering
  // against a database that does not exist at build time.
  typedRoutes: false,
};

export default nextConfig;
