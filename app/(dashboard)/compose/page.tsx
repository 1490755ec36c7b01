import type { Metadata } from "next";
import { Placeholder } from "@/components/shell/placeholder";

export const metadata: Metadata = { title: "Compose" };

export default function ComposePage() {
  return (
    <Placeholder title="Compose">
      <p>
        The slideshow composer (drop 1–35 images, order them, caption, sound, pick an account or a pool, schedule)
        arrives with the scheduling engine.
      </p>
      <p>Until then, create API keys in Settings; the public API is the way in.</p>
    </Placeholder>
  );
}
