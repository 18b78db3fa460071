#!/usr/bin/env node
// Runs the browser host from its TypeScript sources through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/hosts/web/main.ts');
