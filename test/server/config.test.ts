import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ConfigError, DEFAULTS, loadConfig, REPO_ROOT} from '../../src/server/config.ts'

describe('loadConfig', () => {
  it('defaults apply when nothing is set', () => {
    const config = loadConfig({}, [])
    expect(config).toMatchObject({
      port: 4321,
      host: '0.0.0.0',
      secrets: [],
      insecureLocal: false,
      releasesDir: path.join(REPO_ROOT, 'releases'),
      pollMs: 300_000,
      quietMs: 3_000,
      maxWaitMs: 30_000,
      keepReleases: 5,
      buildTimeoutMs: 900_000,
      buildCommand: DEFAULTS.buildCommand,
      minPageRatio: 0.5,
    })
    expect(config.buildCommand).toMatch(/ src\/buildSite\.ts$/)
  })

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '127.0.0.1',
        SANITY_WEBHOOK_SECRET: 'new',
        SANITY_WEBHOOK_SECRET_PREVIOUS: 'old',
        RECAP_RELEASES_DIR: '/srv/recap',
        RECAP_POLL_SECONDS: '0.5',
        RECAP_QUIET_MS: '0',
        RECAP_MAX_WAIT_MS: '100',
        RECAP_KEEP_RELEASES: '2',
        RECAP_BUILD_TIMEOUT_MS: '1000',
        RECAP_BUILD_COMMAND: 'npm run build',
        RECAP_BODY_TIMEOUT_MS: '50',
        RECAP_RETRY_MIN_MS: '10',
        RECAP_RETRY_MAX_MS: '20',
        RECAP_MIN_PAGE_RATIO: '0',
      },
      ['--insecure-local'],
    )
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      secrets: ['new', 'old'],
      insecureLocal: true,
      releasesDir: '/srv/recap',
      pollMs: 500,
      quietMs: 0,
      maxWaitMs: 100,
      keepReleases: 2,
      buildTimeoutMs: 1000,
      buildCommand: 'npm run build',
      bodyTimeoutMs: 50,
      retryMinMs: 10,
      retryMaxMs: 20,
      minPageRatio: 0,
    })
  })

  it('a bad value is a one-line error naming the variable', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{PORT: 'http'}, /^PORT="http" is not a whole number between 0 and 65535$/],
      [{PORT: '70000'}, /^PORT=/],
      [{RECAP_QUIET_MS: '-1'}, /^RECAP_QUIET_MS=/],
      [{RECAP_KEEP_RELEASES: '1'}, /^RECAP_KEEP_RELEASES="1" is not a whole number between 2/],
      [{RECAP_POLL_SECONDS: 'often'}, /^RECAP_POLL_SECONDS="often" is not a number/],
      [{RECAP_MIN_PAGE_RATIO: '2'}, /^RECAP_MIN_PAGE_RATIO=/],
      [{RECAP_BUILD_TIMEOUT_MS: '1.5'}, /^RECAP_BUILD_TIMEOUT_MS=/],
      [{RECAP_RETRY_MIN_MS: '100', RECAP_RETRY_MAX_MS: '10'}, /^RECAP_RETRY_MAX_MS=/],
      [{HOST: '   '}, /^HOST is blank/],
      [{REBUILD_HOOK_URL: 'not a url'}, /^REBUILD_HOOK_URL is not a URL/],
      [{REBUILD_HOOK_URL: 'ftp://ci.example/hook'}, /^REBUILD_HOOK_URL must start with https:\/\//],
      [{REBUILD_HOOK_URL: 'http://ci.example/hook'}, /^REBUILD_HOOK_URL must start with https:\/\//],
      [{REBUILD_HOOK_TOKEN: 'ghp_x'}, /^REBUILD_HOOK_TOKEN is set but REBUILD_HOOK_URL is not/],
      [
        {REBUILD_HOOK_URL: 'https://api.github.com/repos/team/recap/dispatches'},
        /^REBUILD_HOOK_URL is GitHub's repository_dispatch; set REBUILD_HOOK_TOKEN/,
      ],
      [{SANITY_WEBHOOK_SECRET_PREVIOUS: 'old'}, /^SANITY_WEBHOOK_SECRET_PREVIOUS is set but SANITY_WEBHOOK_SECRET is not/],
    ]
    for (const [env, message] of cases) {
      let error: unknown
      try {
        loadConfig(env, [])
      } catch (e) {
        error = e
      }
      expect(error, JSON.stringify(env)).toBeInstanceOf(ConfigError)
      expect((error as Error).message).toMatch(message)
      expect((error as Error).message).not.toContain('\n')
    }
  })

  it('an unknown argument is refused', () => {
    expect(() => loadConfig({}, ['--insecure'])).toThrow('unknown argument --insecure; the only flag is --insecure-local')
  })

  it('error messages never contain a secret', () => {
    try {
      loadConfig({SANITY_WEBHOOK_SECRET: 'very-secret', PORT: 'x'}, [])
    } catch (error) {
      expect((error as Error).message).not.toContain('very-secret')
    }
  })

  it('relay mode is off by default, and the hook kind is read from its URL', () => {
    expect(loadConfig({}, []).hook).toBeNull()
    const kinds = {
      'https://api.github.com/repos/team/recap/dispatches': 'github',
      'https://github.example.com/api/v3/repos/team/recap/dispatches': 'github',
      'https://api.netlify.com/build_hooks/5f0c': 'netlify',
      'https://api.vercel.com/v1/integrations/deploy/prj_1/abc': 'vercel',
      'https://api.cloudflare.com/client/v4/pages/webhooks/deploy_hooks/0b1c': 'cloudflare-pages',
      'https://ci.example/hooks/recap': 'deploy-hook',
      'http://localhost:8080/hooks/recap': 'deploy-hook',
    }
    for (const [url, kind] of Object.entries(kinds)) {
      const {hook} = loadConfig({REBUILD_HOOK_URL: url, REBUILD_HOOK_TOKEN: 'token'}, [])
      expect(hook, url).toMatchObject({url, kind, eventType: 'recap-rebuild', minIntervalMs: 60_000})
    }
    const github = loadConfig(
      {
        REBUILD_HOOK_URL: 'https://api.github.com/repos/team/recap/dispatches',
        REBUILD_HOOK_TOKEN: ' ghp_token ',
        REBUILD_HOOK_EVENT: 'content-changed',
        REBUILD_HOOK_MIN_INTERVAL_MS: '0',
      },
      [],
    )
    expect(github.hook).toMatchObject({token: 'ghp_token', eventType: 'content-changed', minIntervalMs: 0})
  })
})
