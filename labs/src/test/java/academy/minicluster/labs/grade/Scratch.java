package academy.minicluster.labs.grade;

import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabParser;
import java.nio.file.Path;

public class Scratch {
    public static void main(String[] args) throws Exception {
        Lab lab = LabParser.parse(Path.of(args[0]));
        System.out.println("start: " + Grader.grade(lab, Submission.EMPTY));
        for (var s : lab.solutions()) {
            System.out.println(s.id() + ": " + Grader.grade(lab, Submission.of(s.steps())));
        }
    }
}
