import { prisma } from '../../../lib/db';

export default function NewPost() {
  async function publish(formData: FormData) {
    'use server';
    await prisma.post.create({ data: { title: String(formData.get('title')) } });
  }
  return <form action={publish} />;
}
