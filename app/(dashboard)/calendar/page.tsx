import type { Metadata } from "next";
import { Placeholder } from "@/components/shell/placeholder";

export const metadata: Metadata = { title: "Calendar" };

export default function CalendarPage() {
  return (
    <Placeholder title="Calendar">
      <p>The calendar of scheduled posts, with drag-and-drop rescheduling, is not built yet.</p>
    </Placeholder>
  );
}
