package io.filepipe.infra;

import com.pulumi.aws.ecr.EcrFunctions;
import com.pulumi.aws.ecr.LifecyclePolicy;
import com.pulumi.aws.ecr.LifecyclePolicyArgs;
import com.pulumi.aws.ecr.Repository;
import com.pulumi.aws.ecr.RepositoryArgs;
import com.pulumi.aws.ecr.RepositoryPolicy;
import com.pulumi.aws.ecr.RepositoryPolicyArgs;
import com.pulumi.aws.ecr.inputs.GetAuthorizationTokenArgs;
import com.pulumi.aws.ecr.inputs.RepositoryImageScanningConfigurationArgs;
import com.pulumi.aws.ecr.outputs.GetAuthorizationTokenResult;
import com.pulumi.core.Output;
import com.pulumi.docker.Image;
import com.pulumi.docker.ImageArgs;
import com.pulumi.docker.inputs.DockerBuildArgs;
import com.pulumi.docker.inputs.RegistryArgs;
import io.filepipe.infra.iam.ResourcePolicies;
import java.util.List;
import java.util.Map;

/**
 * One function's image: an ECR repository (scanned on push, old images expiring) and the image
 * {@code pulumi up} builds from a Dockerfile at the repository root and pushes there. Functions
 * deploy {@link #digest()}, so a changed image is a new deployment and an unchanged one is none.
 */
public record ContainerImage(RepositoryPolicy pullPolicy, Image image) {

    /** Pulumi runs the program in pulumi/; Docker builds from the whole repository. */
    static final String BUILD_CONTEXT = "..";
    /** Untagged images are earlier deployments; a few are kept to roll back to. */
    static final int KEPT_UNTAGGED_IMAGES = 5;

    /**
     * @param name       the repository's logical name
     * @param dockerfile the Dockerfile's name at the repository root
     * @param functions  the names of the functions that run the image, the only ones that may pull it
     */
    public static ContainerImage build(StackConfig config, String name, String dockerfile, List<String> functions,
                                       Output<AwsAccount> account) {
        Repository repository = new Repository(name, RepositoryArgs.builder()
                .imageScanningConfiguration(RepositoryImageScanningConfigurationArgs.builder().scanOnPush(true).build())
                // "latest" moves with every build; functions pin the digest, never the tag
                .imageTagMutability("MUTABLE")
                // images are rebuilt by every `pulumi up`: nothing is lost with the repository
                .forceDelete(true)
                .build());
        new LifecyclePolicy(name, LifecyclePolicyArgs.builder()
                .repository(repository.name())
                .policy(Json.write(Map.of("rules", List.of(Map.of(
                        "rulePriority", 1,
                        "description", "keep the " + KEPT_UNTAGGED_IMAGES + " newest earlier deployments",
                        "selection", Map.of("tagStatus", "untagged", "countType", "imageCountMoreThan",
                                "countNumber", KEPT_UNTAGGED_IMAGES),
                        "action", Map.of("type", "expire"))))))
                .build());
        RepositoryPolicy pullPolicy = new RepositoryPolicy(name, RepositoryPolicyArgs.builder()
                .repository(repository.name())
                .policy(account.applyValue(a -> ResourcePolicies.lambdaImagePull(functions.stream().map(a::functionArn).toList())))
                .build());
        Output<GetAuthorizationTokenResult> login = EcrFunctions.getAuthorizationToken(
                GetAuthorizationTokenArgs.builder().registryId(repository.registryId()).build());
        Image image = new Image(name, ImageArgs.builder()
                .imageName(repository.repositoryUrl().applyValue(url -> url + ":latest"))
                .build(DockerBuildArgs.builder()
                        .context(BUILD_CONTEXT)
                        .dockerfile(BUILD_CONTEXT + "/" + dockerfile)
                        .platform(config.architecture().dockerPlatform())
                        .build())
                .registry(RegistryArgs.builder()
                        .server(repository.repositoryUrl())
                        .username(login.applyValue(GetAuthorizationTokenResult::userName))
                        .password(login.applyValue(GetAuthorizationTokenResult::password).asSecret())
                        .build())
                .build());
        return new ContainerImage(pullPolicy, image);
    }

    /** {@code <repository>@sha256:...}: what the function runs. */
    public Output<String> digest() {
        return image.repoDigest();
    }
}
