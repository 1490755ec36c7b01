// What the composer's page passes down from the server: the API's own account and sound objects.
import type { AccountObject, SoundObject } from "@/lib/domain/wire";

export type ComposerAccount = AccountObject;
export type ComposerSound = SoundObject;
