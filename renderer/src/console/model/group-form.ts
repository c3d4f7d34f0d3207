import type { GroupView } from '../../../../shared/index';

/** The group form as typed: the name, the leader's certificate number, the members' one a line. */
export interface GroupForm {
  name: string;
  leader: string;
  members: string;
}

export const EMPTY_GROUP_FORM: GroupForm = { name: '', leader: '', members: '' };

/** Certificate numbers as typed: one a line, or separated by commas, 、, semicolons or spaces. */
export const certificatesOf = (text: string): string[] =>
  text
    .split(/[\s,，、;；]+/)
    .map((no) => no.trim())
    .filter((no) => no !== '');

/** The form filled from a group as HQ holds it: members in the group's order. */
export const groupFormOf = (view: GroupView): GroupForm => ({
  name: view.group.name,
  leader: view.members.find((m) => m.residentId === view.group.leaderId)?.certificateNo ?? '',
  members: view.members.map((m) => m.certificateNo).join('\n'),
});
