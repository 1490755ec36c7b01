import type { Metadata } from "next";
import { Placeholder } from "@/components/shell/placeholder";

export const metadata: Metadata = { title: "Posts" };

export default function PostsPage() {
  return (
    <Placeholder title="Posts">
      <p>The list of posts with their status (scheduled, publishing, complete, failed) arrives with the scheduling engine.</p>
    </Placeholder>
  );
}
