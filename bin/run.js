#!/usr/bin/env node
import {execute} from '../dist/cgx/index.js'

await execute({dir: import.meta.url})
