// Figures are always shown with who stated them and whether anyone checked.
import type {Claim} from '../site.ts'

const ATTRIBUTION: Record<string, (by: string) => string> = {
  'as-claimed': (by) => `as claimed by ${by}`,
  verified: (by) => `claimed by ${by}, verified`,
  disputed: (by) => `claimed by ${by}, disputed`,
}

/** "Running workloads on Ironic cut costs by 60% — as claimed by Crowdstar". */
export function claimText(claim: Claim): string | null {
  if (!claim.statement) return null
  const by = claim.claimedBy || 'an unnamed source'
  return `${claim.statement} — ${(ATTRIBUTION[claim.status ?? 'as-claimed'] ?? ATTRIBUTION['as-claimed'])(by)}`
}

export function claimLines(claims: Claim[] | null): string[] {
  return (claims ?? []).map(claimText).filter((line): line is string => line !== null)
}
