/**
 * How the desktop language server's Node process is started: the client starts it with these V8 flags, and the
 * benchmark starts it the same way, so what `npm run bench` measures is what runs in the editor.
 *
 * The server's live heap is small (about 25 MB after the typing runs of the bench, forced collection), but with V8's
 * defaults its resident memory grew to about 240–290 MB: a young generation of up to 32 MB, and an old generation let
 * grow to several times what survived its last full collection before collecting again. Pages once committed are
 * not given back. A small young generation and a heap that grows by at most 50 % past its live data before a full
 * collection keep the resident memory near what the server holds (docs/benchmarks.md, "Memory of the language
 * server", has the measurements and the command).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--heap-growing-percent=50'];
