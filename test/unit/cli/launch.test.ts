import assert from 'node:assert/strict'

import {asksForHelp, namesOwnCommand} from '../../../src/cli/launch.js'

/** The bundle's command tree, as launch looks it up: one file per command id. */
const TREE = new Set(['egress/ranges', 'segment/status', 'sandbox'])
const inTree = (words: string[]) => TREE.has(words.join('/'))

describe('launch: which command lines run without plugins', () => {
  it("finds cgx's own commands, with or without flags and arguments after them", () => {
    assert.equal(namesOwnCommand(['egress', 'ranges', '-a', 'https://api.fr.cloud.gov'], inTree), true)
    assert.equal(namesOwnCommand(['segment', 'status', '--help'], inTree), true)
    assert.equal(namesOwnCommand(['sandbox', '--port', '0'], inTree), true)
    assert.equal(namesOwnCommand(['sandbox', 'extra'], inTree), true)
  })

  it("leaves the plugins' commands, topics, typos and flags alone to oclif with its plugins", () => {
    for (const argv of [['help', 'segment'], ['autocomplete', 'bash'], ['segment'], ['segmnt', 'list'], [], ['--help'], ['-h']])
      assert.equal(namesOwnCommand(argv, inTree), false, argv.join(' '))
  })

  it('never looks up a word that could leave the command tree', () => {
    const looked: string[][] = []
    namesOwnCommand(['..', 'x'], (words) => (looked.push(words), false))
    namesOwnCommand(['egress', '../../etc'], (words) => (looked.push(words), false))
    namesOwnCommand(['Egress', 'ranges'], (words) => (looked.push(words), false))
    assert.deepEqual(looked, [['egress']])
  })
})

describe('launch: which runs are help, for the code cache', () => {
  it('is help when --help comes before any --, as oclif looks for it', () => {
    assert.equal(asksForHelp(['segment', 'status', '--help']), true)
    assert.equal(asksForHelp(['--help']), true)
    assert.equal(asksForHelp(['segment', 'status', '--org', 'a']), false)
    assert.equal(asksForHelp(['route-allow', 'add', 'r', '--', '--help']), false)
    assert.equal(asksForHelp(['segment', 'status', '-h']), false, 'oclif has no -h unless a CLI adds it')
  })
})
