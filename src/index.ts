// The package's entry (bundled to dist/cgx/index.cjs): bin/run.js starts the CLI with execute().
export {execute, run} from '@oclif/core'
