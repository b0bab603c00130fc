// What of the bodies needs attention today, for the staff home (kernel/attention.ts): meetings whose
// state, agenda or minutes the secretariat still owes. Editors keep the meetings, so only they are told;
// the bodies list shows the meetings themselves.
import type { AttentionModule } from "~/kernel/attention";
import { roleAtLeast } from "~/kernel/roles";
import { meetingsToDo, type MeetingTodo } from "./meetings";

// Late work first: a meeting that took place without its state, then one close without an agenda.
const ITEMS: { todo: MeetingTodo; tone: "warning" | "info" }[] = [
  { todo: "state", tone: "warning" },
  { todo: "agenda", tone: "warning" },
  { todo: "minutes", tone: "info" },
];

export const attention: AttentionModule["attention"] = async (tx, who) => {
  if (!roleAtLeast(who.role, "editor")) return [];
  const todo = await meetingsToDo(tx, who.today);
  return ITEMS.map(({ todo: t, tone }) => ({
    key: `bodies.attention.${t}`,
    count: todo.filter((m) => m.todo === t).length,
    to: "gremien#sitzungen-offen",
    tone,
  }));
};
