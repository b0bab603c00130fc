import { data } from "react-router";
import type { Route } from "./+types/not-found";
import { tFor } from "../http/context";

export function loader({ context }: Route.LoaderArgs) {
  throw data({ message: tFor(context)("errors.notFound") }, { status: 404 });
}

export default function NotFound() {
  return null;
}
