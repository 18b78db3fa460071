#!/usr/bin/env node
// The `qwanyx` command: runs the CLI from its TypeScript sources through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/hosts/cli/main.ts');
