import {ActivityIcon} from '@sanity/icons/Activity'
import {Badge, Box, Card, Flex, Heading, Stack, Text} from '@sanity/ui'
import {useEffect, useState} from 'react'
import {definePlugin} from 'sanity'
import {IntentLink} from 'sanity/router'
import {statusToken, statusUrl} from './env.ts'
import {badgeLabel, relayLines, type BuildReport, type LeftOut, type Status} from './siteStatusLabel.ts'

const POLL_MS = 10_000

function useSiteStatus(): {status: Status | null; problem: string | null} {
  const [status, setStatus] = useState<Status | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    let stopped = false
    const refresh = async () => {
      try {
        const headers: HeadersInit = statusToken ? {authorization: `Bearer ${statusToken}`} : {}
        const response = await fetch(statusUrl, {cache: 'no-store', headers})
        if (!response.ok) throw new Error(`HTTP ${response.status}`)
        const next = (await response.json()) as Status
        if (stopped) return
        setStatus(next)
        setProblem(null)
      } catch (error) {
        if (!stopped) setProblem(`The site's rebuild service at ${statusUrl} did not answer (${(error as Error).message}).`)
      }
    }
    void refresh()
    const timer = setInterval(refresh, POLL_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [])
  return {status, problem}
}

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : 'never')

/** Tells editors whether their last published change is live on the site yet. */
function SiteStatus() {
  const {status, problem} = useSiteStatus()
  return (
    <Card padding={4} height="fill" overflow="auto">
      <Stack gap={4} style={{maxWidth: 640}}>
        <Heading as="h1" size={2}>
          Site status
        </Heading>
        {problem && (
          <Card padding={3} tone="critical" radius={2}>
            <Text>{problem}</Text>
          </Card>
        )}
        {status && (status.mode === 'relay' ? <RelayStatus status={status} /> : <BuildStatus status={status} />)}
      </Stack>
    </Card>
  )
}

function StatusBadge({status, build, live}: {status: Status; build: BuildReport | null; live: boolean}) {
  const label = badgeLabel(status, build, live)
  const failed = build?.result === 'failed' || label === 'Hook call failed'
  return <Badge tone={live ? 'positive' : failed ? 'critical' : 'caution'}>{label}</Badge>
}

function LastError({error}: {error: NonNullable<Status['lastError']>}) {
  return (
    <Box>
      <Text weight="semibold">Last error ({when(error.at)})</Text>
      <Card marginTop={2} padding={3} tone="critical" radius={2}>
        <Text size={1}>
          <pre style={{margin: 0, whiteSpace: 'pre-wrap'}}>{[error.message, error.stderrTail].filter(Boolean).join('\n\n')}</pre>
        </Text>
      </Card>
    </Box>
  )
}

/** Relay mode: the site is built elsewhere, so the tool reports the calls to the build hook. */
function RelayStatus({status}: {status: Status}) {
  const failed = status.relay?.lastCall?.accepted === false
  return (
    <Stack gap={3}>
      <Flex gap={2} align="center">
        <StatusBadge status={status} build={null} live={false} />
      </Flex>
      {relayLines(status).map((line) => (
        <Text key={line}>{line}</Text>
      ))}
      {status.lastError && failed && <LastError error={status.lastError} />}
    </Stack>
  )
}

function BuildStatus({status}: {status: Status}) {
  // After a restart there is no build yet in this run; the live release is the last success.
  const build = status.lastBuild ?? status.lastSuccess
  const live = !status.building && !status.pending && build?.result === 'ok'
  return (
    <Stack gap={3}>
      <Flex gap={2} align="center">
        <StatusBadge status={status} build={build} live={live} />
        <Text size={1} muted>
          Release {status.current ?? 'none yet'}
        </Text>
      </Flex>
      {status.contentUpdatedAt && <Text>Live content includes changes up to {when(status.contentUpdatedAt)}.</Text>}
      {build && (
        <Text>
          Last build {build.result === 'ok' ? 'succeeded' : 'failed'} at {when(build.finishedAt)} in {(build.durationMs / 1000).toFixed(1)}{' '}
          s{build.pages === null ? '' : `, ${build.pages} pages`}.
        </Text>
      )}
      {status.pending && status.nextBuildAt && <Text>Next build starts around {when(status.nextBuildAt)}.</Text>}
      {status.lastError && build?.result === 'failed' && <LastError error={status.lastError} />}
      <LeftOutList entries={status.leftOut ?? []} />
    </Stack>
  )
}

/** Documents the live site leaves out, and parts it dropped from published ones, each opening its document. */
function LeftOutList({entries}: {entries: LeftOut[]}) {
  const leftOut = entries.filter((entry) => entry.kind !== 'dropped')
  const dropped = entries.filter((entry) => entry.kind === 'dropped')
  return (
    <Stack gap={2}>
      {leftOut.length === 0 ? (
        <Text>Every published document is on the site.</Text>
      ) : (
        <Text weight="semibold">Left out of the site ({new Set(leftOut.map((entry) => entry.id)).size} documents)</Text>
      )}
      {leftOut.map((entry, index) => (
        <EntryCard key={`${entry.id}-${index}`} entry={entry} />
      ))}
      {dropped.length > 0 && <Text weight="semibold">Dropped from published documents ({dropped.length})</Text>}
      {dropped.map((entry, index) => (
        <EntryCard key={`dropped-${entry.id}-${index}`} entry={entry} />
      ))}
    </Stack>
  )
}

/** One finding; the title opens the document at the field. */
function EntryCard({entry}: {entry: LeftOut}) {
  return (
    <Card padding={3} tone="caution" radius={2}>
      <Stack gap={2}>
        <Text weight="semibold">
          <IntentLink intent="edit" params={{id: entry.id, type: entry.type, path: entry.field}}>
            {entry.title ?? entry.id}
          </IntentLink>{' '}
          <span style={{fontWeight: 'normal'}}>
            ({entry.type} {entry.id}, field {entry.field})
          </span>
        </Text>
        <Text size={1}>{entry.problem}</Text>
        <Text size={1}>Fix: {entry.fix}</Text>
      </Stack>
    </Card>
  )
}

export const siteStatus = definePlugin({
  name: 'recap-site-status',
  tools: [{name: 'site-status', title: 'Site status', icon: ActivityIcon, component: SiteStatus}],
})
