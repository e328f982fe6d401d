import { FileFormatError } from "../../spec/FileFormatError.js";

/**
 * A road-network file (SUMO `.net.xml`) that cannot be imported, at a location:
 * `format()` gives `file:line:col: error: message`. A {@link FileFormatError}, so callers that report
 * any bad input file treat it alike; its own class lets them tell a bad map from bad demand.
 */
export class MapFormatError extends FileFormatError {}
