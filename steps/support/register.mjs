// Lets cucumber-js import the TypeScript step definitions. cucumber-js 12 has no TypeScript
// support of its own, ignores a cucumber.ts config, and its --loader route fails on Node 20;
// importing this file first (it is first in the config's `import` list, and every parallel
// worker imports the same list) registers tsx's ESM hooks for everything imported after it.
import { register } from 'tsx/esm/api';

register();
