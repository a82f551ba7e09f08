// Stops commands that need the real Sanity API when no project is configured.
if (!process.env.SANITY_STUDIO_PROJECT_ID) {
  console.error(
    'Set SANITY_STUDIO_PROJECT_ID to your Sanity project ID (and SANITY_STUDIO_DATASET if it is not "production") before running this command.',
  )
  process.exit(1)
}
