// Services the tests need are started here, once per run (Prism joins in the contract step).
export default function setup(): void {}
