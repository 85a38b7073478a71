// npm scripts must run on the pinned Node 24 (devDependency `node`). With
// `npm ci --ignore-scripts` the binary never installs and scripts silently fall back to
// the machine's Node 20, where msw 3, prism 5.16 and vitest 5 fail in confusing ways.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `npm scripts are running on Node ${process.versions.node}; this project pins Node 24 as a ` +
      'devDependency. Run `npm ci` without --ignore-scripts so the pinned Node installs.',
  );
  process.exit(1);
}
