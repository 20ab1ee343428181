// The package's entry (bundled to dist/cgx/index.js): bin/run.js starts the CLI with execute(). Only the parts of
// @oclif/core that start a CLI: a command loads the rest (Command, Flags) with its own files.
export {execute} from '@oclif/core/execute'
export {run} from '@oclif/core/run'
