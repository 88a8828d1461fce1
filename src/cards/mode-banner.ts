/** The line every card starts with in shadow mode, so nobody mistakes it for a real page. */
export function modeBanner(shadow: boolean | undefined): object[] {
  if (!shadow) {
    return [];
  }

  return [
    {
      type: 'TextBlock',
      text: 'SHADOW MODE: nobody was called or texted. This shows what the bot would have done.',
      weight: 'Bolder',
      color: 'Warning',
      wrap: true,
    },
  ];
}
