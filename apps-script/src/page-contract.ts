// What passes between the add-on and its sidebar pages through google.script.run: plain data only.
import type { Locale, SidebarStrings } from './messages.ts';

/** What every page gets when it opens: its language and strings, and what it is about. */
export type PageBoot = { locale: Locale; strings: SidebarStrings; today: string } & Record<string, unknown>;

export type SidebarFailure = { ok: false; message: string; fieldErrors: Record<string, string> };

/** A page call answers with data, never by throwing: the page shows a failure beside the form. */
export type SidebarAnswer<T> = ({ ok: true } & T) | SidebarFailure;

/** A handover task as the tasks page lists it. */
export type TaskView = { id: string; clientId: string; clientName: string; reason: string; dueDate: string; overdue: boolean };
