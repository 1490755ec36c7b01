// Drizzle needs every table in one object; this is the only barrel in the project.
export * from "./auth";
export * from "./accounts";
export * from "./media";
export * from "./sounds";
export * from "./posts";
export * from "./api-keys";
export * from "./oauth";
export * from "./user-settings";
export * from "./throttle";
