// The council report's PDF is the kernel's tagged PDF (kernel/documents/pdf.ts); the Arabic run
// ordering lives there and is re-exported for the report's tests.
export { rtlRuns } from "~/kernel/documents/pdf";
