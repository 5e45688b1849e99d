/**
 * The use an answer that read the file's imported modules records (see `SemanticModel.importedModules`): an edit that
 * changes what the file imports re-checks it.
 */
export const IMPORTED_MODULES = '\u0002modules';
