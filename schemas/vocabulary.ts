// Fixed option lists shared by the Studio, the site and the tests.

export const SESSION_KINDS = [
  {value: 'keynote', title: 'Keynote'},
  {value: 'talk', title: 'Talk'},
  {value: 'panel', title: 'Panel'},
  {value: 'workshop', title: 'Workshop'},
  {value: 'social', title: 'Social event'},
  {value: 'hallway', title: 'Hallway'},
] as const

export const CLAIM_STATUSES = [
  {value: 'as-claimed', title: 'As claimed'},
  {value: 'verified', title: 'Verified'},
  {value: 'disputed', title: 'Disputed'},
] as const

export const LINK_KINDS = [
  {value: 'project', title: 'Project'},
  {value: 'documentation', title: 'Documentation'},
  {value: 'slides', title: 'Slides'},
  {value: 'video', title: 'Video'},
  {value: 'article', title: 'Article'},
  {value: 'repository', title: 'Repository'},
  {value: 'other', title: 'Other'},
] as const

/** What a picture is; the site labels it so ("Illustration", "made" rather than "taken"). */
export const PHOTO_KINDS = [
  {value: 'photograph', title: 'Photograph'},
  {value: 'illustration', title: 'Illustration'},
  {value: 'screenshot', title: 'Screenshot'},
] as const

export type SessionKind = (typeof SESSION_KINDS)[number]['value']
export type ClaimStatus = (typeof CLAIM_STATUSES)[number]['value']

export function titleOf(list: readonly {value: string; title: string}[], value: string | null | undefined): string {
  return list.find((item) => item.value === value)?.title ?? ''
}
