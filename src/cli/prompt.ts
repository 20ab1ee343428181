import {createInterface} from 'node:readline'
import {Writable} from 'node:stream'

/**
 * Ask one question on the terminal (stderr, so stdout stays data). With `secret`, what is typed is not echoed.
 */
export function ask(question: string, options: {secret?: boolean} = {}): Promise<string> {
  let muted = false
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk)
      done()
    },
  })
  const rl = createInterface({input: process.stdin, output, terminal: true})
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close()
      if (options.secret) process.stderr.write('\n')
      resolve(answer.trim())
    })
    muted = options.secret === true
  })
}

/** The first line of a stdin that is not a terminal (a code piped by a script), trimmed; '' at end of input. */
export function readLine(): Promise<string> {
  const rl = createInterface({input: process.stdin, terminal: false})
  return new Promise((resolve) => {
    let line = ''
    rl.once('line', (text) => {
      line = text
      rl.close()
    })
    rl.once('close', () => resolve(line.trim()))
  })
}
