// The module registry: every folder app/modules/<name>/ with a module.ts is a module. Adding a
// module means adding its folder – no list here or in the kernel to keep up to date.
//
// Evaluated by React Router's route-config loader (app/routes.ts) as well as in the server, so it
// has no runtime imports: the manifests are plain data with lazy loaders.
import type { ModuleManifest } from "../kernel/modules";

const found = import.meta.glob<ModuleManifest>("./*/module.ts", { eager: true, import: "default" });

/** The manifests of all modules, by name. */
export const modules: readonly ModuleManifest[] = Object.entries(found)
  .map(([file, m]) => {
    const folder = file.split("/")[1];
    if (m.name !== folder) throw new Error(`${file}: name „${m.name}“ must equal the folder „${folder}“`);
    return m;
  })
  .sort((a, b) => a.name.localeCompare(b.name));
