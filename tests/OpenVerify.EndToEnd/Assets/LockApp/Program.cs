Console.WriteLine("LockApp");
