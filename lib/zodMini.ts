import { z } from 'zod/mini';

// Every schema the background reaches is built with zod/mini (functional API, tree-shakable): classic
// zod is not tree-shakable and cost the worker bundle ~15 KB gzip (DESIGN.md §6). Import `z` from here,
// never from 'zod/mini' directly: classic zod installs English issue messages the first time a schema is
// built and zod/mini does not (its messages would all read "Invalid input"), so this module installs
// them, and being imported first, it runs before any schema exists. The setting lives on zod's global
// config, so messages are the same whichever flavour is loaded alongside.
//
// Classic zod also installs its memoizer, which only gives recursive schemas (z.lazy, getters) cycle
// support and removes itself from any other schema on first parse. None of ours is recursive
// (test/unit/settings/zodMini.test.ts checks), so the worker does without it (~1 KB gzip).
if (!z.config().localeError) z.config(z.locales.en());

export { z };
