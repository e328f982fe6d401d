/** Entry point of the viewer page: one {@link Viewer} in `#viewport`. */
import { Viewer } from "./Viewer.js";

new Viewer(document.getElementById("viewport")!);
