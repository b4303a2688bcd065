// A user's boards.
import { ProfileView } from "@/components/board/profile-view";

export default async function ProfilePage({ params }: { params: Promise<{ userId: string }> }) {
  return <ProfileView userId={decodeURIComponent((await params).userId)} />;
}
