import { useEffect, useState } from 'react';
import { cstDateOf } from '../../../shared/index';

/** Today's CST trade date, re-read every minute so the desk rolls over at midnight. */
export function useToday(): string {
  const [today, setToday] = useState(() => cstDateOf(Date.now()));
  useEffect(() => {
    const timer = setInterval(() => setToday(cstDateOf(Date.now())), 60_000);
    return () => clearInterval(timer);
  }, []);
  return today;
}
