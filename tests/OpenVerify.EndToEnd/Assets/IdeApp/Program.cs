Console.WriteLine(string.Join(",", Maths.AddMul([1, 2, 3, 4], [10, 20, 30, 40]).Value.Sum));
