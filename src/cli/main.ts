#!/usr/bin/env node
import { run } from "./run.js";

// A reader that stops early (`smart-approval batch … | head`) closes the pipe: that is the
// reader's choice, not an error, so the command ends quietly instead of with an EPIPE trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
