#!/usr/bin/env node
// Entry of the `chargeledger` command (the "bin" of the root package.json, so `npx
// chargeledger` finds it). The TypeScript sources are compiled on load by SWC, which is
// why it works right after `npm ci` with no build step.
'use strict';
const path = require('node:path');

// swc-node reads path aliases from this tsconfig; pin it so the caller's directory and
// environment cannot point it at another project.
process.env.SWC_NODE_PROJECT = path.join(__dirname, '..', '..', '..', 'tsconfig.json');
require('@swc-node/register');
require('../src/main.ts');
