import { FrontPage, frontMetadata } from "@/components/article/front-page";

// Signed-in readers get this live page; anonymous ones get app/(anonymous)/cached/front (see proxy.ts).
export const metadata = frontMetadata();

export default function Page() {
  return <FrontPage />;
}
