// Figures are always shown with who stated them and whether anyone checked.
import type {Claim} from '../site.ts'

const ATTRIBUTION: Record<string, (by: string) => string> = {
  'as-claimed': (by) => `as claimed by ${by}`,
  verified: (by) => `claimed by ${by}, verified`,
  disputed: (by) => `claimed by ${by}, disputed`,
}

/** Who stated a figure and whether it was checked: "as claimed by Crowdstar". */
export function claimAttribution(claim: Claim): string {
  const by = claim.claimedBy || 'an unnamed source'
  return (ATTRIBUTION[claim.status ?? 'as-claimed'] ?? ATTRIBUTION['as-claimed'])(by)
}

/** "Running workloads on Ironic cut costs by 60% — as claimed by Crowdstar". */
export function claimText(claim: Claim): string | null {
  return claim.statement ? `${claim.statement} — ${claimAttribution(claim)}` : null
}

export function claimLines(claims: Claim[] | null): string[] {
  return (claims ?? []).map(claimText).filter((line): line is string => line !== null)
}
